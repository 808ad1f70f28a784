package com.orderplatform.query.order;

import com.orderplatform.api.order.OrderStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OrderViewRepository extends JpaRepository<OrderViewEntity, String> {

    @Query("""
            select o from OrderViewEntity o
            where (:userId is null or o.userId = :userId) and (:status is null or o.status = :status)
            """)
    Page<OrderViewEntity> search(@Param("userId") String userId, @Param("status") OrderStatus status, Pageable page);
}
