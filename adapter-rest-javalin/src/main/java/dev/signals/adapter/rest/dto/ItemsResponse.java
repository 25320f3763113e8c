package dev.signals.adapter.rest.dto;

import java.util.List;

/** A complete, unpaged list: {@code {"items": [...]}}. */
public record ItemsResponse<T>(List<T> items) {
}
