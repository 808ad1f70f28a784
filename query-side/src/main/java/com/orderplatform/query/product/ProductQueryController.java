package com.orderplatform.query.product;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.inventory.FindProductQuery;
import com.orderplatform.api.inventory.ProductView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductQueryController {

    private final QueryGateway queries;

    ProductQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/products/{sku}")
    ProductView product(@PathVariable String sku) {
        return queries.query(new FindProductQuery(sku), ResponseTypes.optionalInstanceOf(ProductView.class)).join()
                .orElseThrow(() -> RuleViolation.notFound("PRODUCT_NOT_FOUND", "No product " + sku + "."));
    }
}
