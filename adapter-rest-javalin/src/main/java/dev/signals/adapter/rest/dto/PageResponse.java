package dev.signals.adapter.rest.dto;

import dev.signals.application.port.Page;

import java.util.List;
import java.util.function.Function;

/** A cursor list (contract section 2.4): {@code nextCursor} is null on the last page. */
public record PageResponse<T>(String nextCursor, List<T> items) {

    public static <D, T> PageResponse<T> of(Page<D> page, Function<? super D, ? extends T> view) {
        return new PageResponse<>(page.nextCursor(), page.items().stream().<T>map(view).toList());
    }
}
