package com.orderplatform.query.product;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProductViewRepository extends JpaRepository<ProductViewEntity, String> {

    /** The last sequence of a view kept through a replay's reset: every event of its SKU applies again. */
    long TO_REBUILD = -1;

    /** A replay starts: every view is kept (queries go on being answered) and rebuilt as its events come again. */
    @Modifying
    @Query("update ProductViewEntity p set p.lastSequence = " + TO_REBUILD)
    int keepAllToRebuild();
}
