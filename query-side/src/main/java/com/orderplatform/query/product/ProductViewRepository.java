package com.orderplatform.query.product;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProductViewRepository extends JpaRepository<ProductViewEntity, String> {
}
