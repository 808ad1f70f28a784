package com.orderplatform.infra.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.error.ProblemHandler;
import com.orderplatform.infra.error.RequestBodyLimitFilter;
import com.orderplatform.infra.security.ActorArgumentResolver;
import com.orderplatform.infra.security.DevTokenController;
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
@Import({ProblemHandler.class, DevTokenController.class, PingController.class})
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
        return new MappingJackson2HttpMessageConverter(strict);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(OrdersWebProperties properties, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxBodySize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
