package com.orderplatform.infra.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.orderplatform.infra.error.ProblemErrorController;
import com.orderplatform.infra.error.ProblemHandler;
import com.orderplatform.infra.error.RequestBodyLimitFilter;
import com.orderplatform.infra.error.TomcatProblemErrors;
import com.orderplatform.infra.security.ActorArgumentResolver;
import com.orderplatform.infra.security.DevTokenController;
import com.orderplatform.infra.security.LocalProfileNotice;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersWebProperties.class)
@Import({ProblemHandler.class, ProblemErrorController.class, TomcatProblemErrors.class, DevTokenController.class,
        LocalProfileNotice.class, PingController.class, OpenApiConfiguration.class})
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    /** Strict only at the web edge: Axon's serializer keeps the lenient mapper so old readers tolerate new fields. */
    @Bean
    MappingJackson2HttpMessageConverter strictJsonConverter(Jackson2ObjectMapperBuilder builder) {
        ObjectMapper strict = builder.build()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        refuseCoercion(strict);
        return new MappingJackson2HttpMessageConverter(strict);
    }

    /**
     * A value of the wrong JSON type is refused, not converted: {@code "quantity":"1"}, {@code "stock":"-1"} and
     * {@code "paymentMethod":123} are 400s, as a schema-checking client would expect.
     */
    static void refuseCoercion(ObjectMapper strict) {
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(OrdersWebProperties properties, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxBodySize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
