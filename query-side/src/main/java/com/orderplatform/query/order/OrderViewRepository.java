package com.orderplatform.query.order;

import com.orderplatform.api.order.OrderStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OrderViewRepository extends JpaRepository<OrderViewEntity, String> {

    /** The last sequence of a view kept through a replay's reset: every event of its order applies again. */
    long TO_REBUILD = -1;

    /** A replay starts: every view is kept (queries go on being answered) and rebuilt as its events come again. */
    @Modifying
    @Query("update OrderViewEntity o set o.lastSequence = " + TO_REBUILD)
    int keepAllToRebuild();

    @Query("""
            select o from OrderViewEntity o
            where (:userId is null or o.userId = :userId) and (:status is null or o.status = :status)
            """)
    Page<OrderViewEntity> search(@Param("userId") String userId, @Param("status") OrderStatus status, Pageable page);
}
