package dev.signals.adapter.rest.server;

import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Query parameters as the contract types them (section 2.4). Only the type is checked here: a {@code size}
 * that is no integer or a date that is not {@code YYYY-MM-DD} is a field error; ranges are the
 * application's rules. An empty parameter ({@code ?size=}) counts as not given.
 */
public final class QueryParameters {

    static final String SIZE_EXPECTED = "must be an integer from 1 to 150";
    static final String DATE_EXPECTED = "must be a date YYYY-MM-DD such as 2024-08-09";

    private QueryParameters() {
    }

    public static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public static Integer size(Context ctx) {
        String value = text(ctx, "size");
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("size", SIZE_EXPECTED);
        }
    }

    public static LocalDate date(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, DATE_EXPECTED);
        }
    }
}
