package dev.signals.adapter.rest.dto;

import dev.signals.domain.template.ResultItem;

/** One beta item: a NUMBER value is a JSON integer or null, a STRING value a band code such as {@code A2}. */
record ResultItemResponse(String name, Object value, String valueType) {

    static ResultItemResponse of(ResultItem item) {
        return new ResultItemResponse(item.name(), item.value(), item.valueType().name());
    }
}
