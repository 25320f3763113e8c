package dev.signals.adapter.rest.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=ISO-8859-1",
            "application/problem+json", " application/json ", ""})
    void jsonMediaTypesAndNoneAreReadAsJson(String contentType) {
        assertThat(JsonBodies.isJson(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/json", "application/jsonp", "application/x-ndjson", "multipart/form-data; boundary=x",
            "application/xml; profile=+json"})
    void otherMediaTypesAreNot(String contentType) {
        assertThat(JsonBodies.isJson(contentType)).isFalse();
    }
}
