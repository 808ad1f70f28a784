package com.orderplatform.infra.web;

import com.orderplatform.api.order.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): every endpoint with its
 * request body, the bearer scheme, the {@code Idempotency-Key} header on state-changing requests and the problem
 * answers every endpoint can give.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // The caller comes from the verified token (ActorArgumentResolver), never from the request.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI orderPlatformApi() {
        return new OpenAPI()
                .info(new Info().title("Order platform").version("v1").description("""
                        Flash-sale order placement (CQRS and event sourcing with Axon; a Redis stock gate; a saga \
                        reserving stock, charging and confirming), its views, and the operators' incident tools. \
                        Every error is application/problem+json with a stable `code`."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A JWT with `sub` (the user id), `exp` and `roles` (CUSTOMER, ADMIN).")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Problem answers on every operation, and the Idempotency-Key header on every POST that does not declare it. */
    @Bean
    OpenApiCustomizer problemsAndIdempotencyKeys() {
        return api -> {
            // Added here, after springdoc assembled the components from the endpoints (a bean's own schemas are dropped).
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach(OpenApiConfiguration::complete));
        };
    }

    private static void complete(PathItem.HttpMethod method, Operation operation) {
        addProblems(operation, method);
        if (method == PathItem.HttpMethod.POST && !declaresIdempotencyKey(operation)) {
            operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                    .description("Up to 100 printable ASCII characters: a retry with the same key and body gets "
                            + "the first answer again instead of acting twice.")
                    .schema(new StringSchema().maxLength(100)));
        }
    }

    private static boolean declaresIdempotencyKey(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        return parameters != null && parameters.stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
    }

    private static void addProblems(Operation operation, PathItem.HttpMethod method) {
        Map<String, String> problems = method == PathItem.HttpMethod.GET
                ? Map.of("400", "Bad parameters", "401", "No valid bearer token", "403", "The role does not allow it",
                        "404", "No such resource")
                : Map.of("400", "Bad input", "401", "No valid bearer token", "403", "The role does not allow it",
                        "404", "No such resource", "409", "The resource's state does not allow it",
                        "429", "Rate limited (see Retry-After)", "503", "Overloaded or a dependency is down");
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        problems.forEach((status, description) -> {
            if (!operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                        .content(new Content().addMediaType(PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details with a stable `code`")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("SOLD_OUT"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())))
                .addProperty("moreErrors", new IntegerSchema())
                .required(List.of("type", "title", "status", "code"));
    }
}
