package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapper refuses to guess: no scalar becomes another, an instant is only an ISO-8601 string, and a key given twice
 * in one object is no choice between its values.
 */
class JsonMappingTest {

    private final ObjectMapper mapper = JsonMapping.objectMapper();

    record Sample(String text, Long number, Instant at, List<Long> numbers) {
    }

    @Test
    void valuesOfTheRightTypeAreRead() throws Exception {
        Sample sample = mapper.readValue("""
                {"text": "a", "number": 7, "at": "2024-08-08T16:06:00Z", "numbers": [0, 1000], "unknown": true}""", Sample.class);
        assertThat(sample).isEqualTo(new Sample("a", 7L, Instant.parse("2024-08-08T16:06:00Z"), List.of(0L, 1000L)));
    }

    @Test
    void noScalarIsCoercedIntoAnother() {
        for (String json : List.of("{\"text\": 5}", "{\"text\": 1.5}", "{\"text\": false}", "{\"number\": \"5\"}",
                "{\"number\": 1.0}", "{\"numbers\": 5}", "{\"numbers\": [\"5\"]}")) {
            assertThatThrownBy(() -> mapper.readValue(json, Sample.class)).as(json).isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void anInstantIsOnlyAnIso8601String() {
        for (String json : List.of("{\"at\": 1723132800}", "{\"at\": \"2024-08-08\"}", "{\"at\": \"08/08/2024 16:06\"}")) {
            assertThatThrownBy(() -> mapper.readValue(json, Sample.class)).as(json)
                    .isInstanceOfSatisfying(MismatchedInputException.class, e -> assertThat(e.getTargetType()).isEqualTo(Instant.class));
        }
    }

    @Test
    void instantsAreWrittenInTheirIsoFormWithZ() throws Exception {
        assertThat(mapper.writeValueAsString(new Sample(null, null, Instant.parse("2024-08-09T12:55:51Z"), null)))
                .isEqualTo("{\"text\":null,\"number\":null,\"at\":\"2024-08-09T12:55:51Z\",\"numbers\":null}");
    }

    @Test
    void aKeyGivenTwiceInOneObjectIsRefusedWhetherReadAsATreeOrARecord() {
        String json = "{\"text\": \"a\", \"numbers\": [], \"text\": \"b\"}";
        assertThatThrownBy(() -> mapper.readTree(json)).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> mapper.readValue(json, Sample.class)).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> mapper.readTree("[{\"at\": 1, \"at\": 1}]")).isInstanceOf(JsonParseException.class);
    }
}
