package com.orderplatform.command.inventory;

import static com.orderplatform.command.inventory.InventoryFixtures.DEFINED;
import static com.orderplatform.command.inventory.InventoryFixtures.SKU;
import static com.orderplatform.command.inventory.InventoryFixtures.reserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.infra.axon.AxonInfraConfiguration;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** A ledger's snapshot, written by the serializer the application configures for snapshots, reads back whole. */
class InventorySnapshotTest {

    private final Serializer snapshots = AxonInfraConfiguration.snapshotSerializer(JacksonSerializer.defaultSerializer());

    private static InventoryItem ledgerWithAHoldingAndARelease() {
        InventoryItem item = new InventoryItem();
        item.on(DEFINED);
        item.on(reserved("o1", "u1", 2, new StockLevels(8, 2, 0)));
        item.on(reserved("o2", "u2", 1, new StockLevels(7, 3, 0)));
        item.on(new StockReleasedEvent(SKU, "o2", "u2", 1, false, new StockLevels(8, 2, 0)));
        return item;
    }

    @Test
    void aSnapshotKeepsEveryFieldOfTheLedger() {
        SerializedObject<String> written = snapshots.serialize(ledgerWithAHoldingAndARelease(), String.class);
        InventoryItem read = snapshots.deserialize(written);

        assertThat(written.getType().getRevision()).isEqualTo("2");
        assertThat(read.stock()).isEqualTo(new InventoryItem.Stock(8, 2, Map.of("u1", 2L)));
        assertThat(read.assess("o1", "u1", 1)).isEqualTo(InventoryItem.Verdict.ALREADY_HANDLED);
        assertThat(read.assess("o2", "u2", 1)).isEqualTo(InventoryItem.Verdict.ALREADY_HANDLED);
        assertThat(read.assess("o3", "u1", 1)).isEqualTo(InventoryItem.Verdict.LIMIT_EXCEEDED);
        assertThat(read.assess("o3", "u3", 9)).isEqualTo(InventoryItem.Verdict.OUT_OF_STOCK);
        assertThat(read.assess("o3", "u3", 2)).isEqualTo(InventoryItem.Verdict.RESERVABLE);
    }

    @Test
    void aSnapshotHoldsFieldsNotDerivedValues() {
        String json = snapshots.serialize(ledgerWithAHoldingAndARelease(), String.class).getData();

        assertThat(json).contains("\"holdings\"", "\"released\"", "\"heldPerUser\"").doesNotContain("\"stock\"");
    }
}
