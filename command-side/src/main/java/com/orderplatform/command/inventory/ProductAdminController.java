package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.DefineProductCommand;
import com.orderplatform.api.inventory.RestockProductCommand;
import com.orderplatform.api.inventory.Skus;
import com.orderplatform.command.catalog.CatalogRepository;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.security.AdminOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@AdminOnly
@RestController
@RequestMapping(path = "/api/admin/products/{sku}", consumes = "application/json")
class ProductAdminController {

    static final String SKU_PATTERN = Skus.PATTERN;

    private final GroupCommit commands;
    private final CatalogRepository catalog;

    ProductAdminController(GroupCommit commands, CatalogRepository catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    @PutMapping
    ResponseEntity<ProductRequest> define(@PathVariable @Pattern(regexp = SKU_PATTERN) String sku,
                                          @Valid @RequestBody ProductRequest request) {
        boolean exists = catalog.existsById(sku);
        commands.sendAndWait(new DefineProductCommand(sku, request.name(), request.priceCents(), request.currency(),
                request.stock(), request.perUserLimit()));
        return ResponseEntity.status(exists ? HttpStatus.OK : HttpStatus.CREATED).body(request);
    }

    @PostMapping("/restock")
    ResponseEntity<Map<String, Object>> restock(@PathVariable @Pattern(regexp = SKU_PATTERN) String sku,
                                                @Valid @RequestBody RestockRequest request) {
        commands.sendAndWait(new RestockProductCommand(sku, request.quantity()));
        return ResponseEntity.accepted().body(Map.of("sku", sku, "restocked", request.quantity()));
    }

    /** {@code stock} is the number of units available for sale; {@code perUserLimit} 0 means no limit. */
    record ProductRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(0) @Max(100_000_000_00L) Long priceCents,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @Min(0) @Max(1_000_000_000L) Long stock,
            @NotNull @Min(0) @Max(1_000_000) Integer perUserLimit) {
    }

    record RestockRequest(@NotNull @Min(1) @Max(1_000_000_000L) Long quantity) {
    }
}
