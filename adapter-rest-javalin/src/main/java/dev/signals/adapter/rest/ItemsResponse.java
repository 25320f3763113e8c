package dev.signals.adapter.rest;

import java.util.List;

/** A complete, unpaged list: {@code {"items": [...]}}. */
record ItemsResponse<T>(List<T> items) {
}
