package com.orderplatform.query.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.inventory.FindProductQuery;
import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductView;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.infra.axon.ViewUpdates;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.transaction.PlatformTransactionManager;

@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=create-drop")
class ProductProjectionTest {

    @Autowired
    ProductViewRepository repository;
    @Autowired
    TestEntityManager entities;
    @Autowired
    PlatformTransactionManager transactions;
    ProductProjection projection;

    @BeforeEach
    void setUp() {
        projection = new ProductProjection(repository, new ViewUpdates(transactions, Clock.systemUTC()));
        projection.on(new ProductDefinedEvent("SKU-1", "Phone", 19900, "EUR", 10, 2), 0);
    }

    private ProductView view() {
        return projection.handle(new FindProductQuery("SKU-1")).orElseThrow();
    }

    @Test
    void showsTheStockLevelsOfTheLatestEvent() {
        projection.on(new StockReservedEvent("SKU-1", "o1", "u1", 2, new StockLevels(8, 2, 0)), 1);
        projection.on(new StockCommittedEvent("SKU-1", "o1", "u1", 2, new StockLevels(8, 0, 2)), 2);

        assertThat(view()).isEqualTo(new ProductView("SKU-1", "Phone", 19900, "EUR", 8, 0, 2, 2));
    }

    @Test
    void aRedeliveredOrStaleEventChangesNothing() {
        projection.on(new StockReservedEvent("SKU-1", "o1", "u1", 2, new StockLevels(8, 2, 0)), 1);
        projection.on(new StockReleasedEvent("SKU-1", "o1", "u1", 2, false, new StockLevels(10, 0, 0)), 2);

        projection.on(new StockReservedEvent("SKU-1", "o1", "u1", 2, new StockLevels(8, 2, 0)), 1);

        assertThat(view().available()).isEqualTo(10);
        assertThat(view().reserved()).isZero();
    }

    @Test
    void aReplayKeepsTheViewAnsweringAndBuildsItAgainFromItsEvents() {
        projection.on(new StockReservedEvent("SKU-1", "o1", "u1", 2, new StockLevels(8, 2, 0)), 1);
        ProductView was = view();

        projection.reset();
        entities.clear();

        assertThat(view()).isEqualTo(was);
        projection.on(new ProductDefinedEvent("SKU-1", "Phone", 19900, "EUR", 10, 2), 0);
        assertThat(view().available()).isEqualTo(10);
        projection.on(new StockReservedEvent("SKU-1", "o1", "u1", 2, new StockLevels(8, 2, 0)), 1);
        assertThat(view()).isEqualTo(was);
    }
}
