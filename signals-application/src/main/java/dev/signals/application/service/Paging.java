package dev.signals.application.service;

import dev.signals.application.port.Page;
import dev.signals.application.port.PageCursor;

import java.util.List;
import java.util.function.Function;

/** Turns "one more row than the page holds" into a page and the cursor of the next one. */
final class Paging {

    private Paging() {
    }

    /** @param rows up to {@code limit + 1} rows, newest first; a row beyond {@code limit} means there is a next page */
    static <T> Page<T> page(List<T> rows, int limit, Function<T, PageCursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }
}
