package com.orderplatform.query.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.api.order.OrderLine;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

@Converter
class OrderLinesJson implements AttributeConverter<List<OrderLine>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() { };

    @Override
    public String convertToDatabaseColumn(List<OrderLine> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<OrderLine> convertToEntityAttribute(String json) {
        try {
            return JSON.readValue(json, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
