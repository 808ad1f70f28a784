package com.orderplatform.command.payment;

import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;

/** The payment of order 1001: 30.00 EUR by alice with tok_ok, approved as ref-1 or declined. */
final class PaymentFixtures {

    static final String ORDER = "1001";
    static final ChargePaymentCommand CHARGE = new ChargePaymentCommand(ORDER, "alice", 3000, "EUR", "tok_ok");
    static final PaymentRequestedEvent REQUESTED = new PaymentRequestedEvent(ORDER, "alice", 3000, "EUR", "tok_ok");
    static final PaymentChargedEvent CHARGED = new PaymentChargedEvent(ORDER, 3000, "EUR", "ref-1");
    static final RecordChargeOutcomeCommand APPROVED = new RecordChargeOutcomeCommand(ORDER, true, "ref-1", null, 3000);
    static final RecordChargeOutcomeCommand DECLINED = new RecordChargeOutcomeCommand(ORDER, false, null, "card_declined", 0);

    private PaymentFixtures() {
    }
}
