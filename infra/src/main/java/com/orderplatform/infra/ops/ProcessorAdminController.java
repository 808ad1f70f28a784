package com.orderplatform.infra.ops;

import com.orderplatform.api.order.Actor;
import com.orderplatform.infra.security.AdminOnly;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Event processors, their dead letters, and replays (DESIGN §9). */
@AdminOnly
@RestController
class ProcessorAdminController {

    private final ProcessorOperations operations;

    ProcessorAdminController(ProcessorOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/api/admin/processors")
    List<ProcessorOperations.Processor> processors() {
        return operations.processors();
    }

    @GetMapping("/api/admin/processors/{name}/dead-letters")
    List<ProcessorOperations.Sequence> deadLetters(@PathVariable String name) {
        return operations.deadLetters(name);
    }

    @PostMapping("/api/admin/processors/{name}/dead-letters/retry")
    ResponseEntity<ProcessorOperations.Retried> retry(Actor operator, @PathVariable String name) {
        return ResponseEntity.accepted().body(operations.retryDeadLetters(operator, name));
    }

    @PostMapping("/api/admin/processors/{name}/replay")
    ResponseEntity<ProcessorOperations.Processor> replay(Actor operator, @PathVariable String name) {
        return ResponseEntity.accepted().body(operations.replay(operator, name));
    }
}
