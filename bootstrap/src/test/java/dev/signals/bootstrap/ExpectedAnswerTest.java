package dev.signals.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An answer the README shows is read loosely, as a reader reads it, and still tells a different answer apart. */
class ExpectedAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aShownAnswerMatchesLooselyAndSaysWhereTheAnswerDiffers() throws IOException {
        ExpectedAnswer shown = ExpectedAnswer.parse("""
                {"code":"OK",...,"data":{"id":"signal-...","status":"COMPLETED",…,"amount":1521,"rejected":[],
                 "items":[...,{"name":"b"},...],"pair":[1,2],"result":null,"ok":true}}""");
        String answer = """
                {"code":"OK","message":"Success!","requestId":"r1","data":{"id":"signal-01ab","status":"COMPLETED",
                 "amount":1521.0,"rejected":[],"items":[{"name":"a"},{"name":"b","v":1},{"name":"c"}],"pair":[1,2],
                 "result":null,"ok":true,"more":1}}""";

        assertThat(shown.mismatches(JSON.readTree(answer))).isEmpty();
        assertThat(shown.mismatches(JSON.readTree(answer.replace("1521.0", "1520.5")))).containsExactly("/data/amount: expected 1521, was 1520.5");
        assertThat(shown.mismatches(JSON.readTree(answer.replace("signal-01ab", "acc-01ab"))))
                .singleElement().asString().startsWith("/data/id: expected a string like");
        assertThat(shown.mismatches(JSON.readTree(answer.replace("\"rejected\":[]", "\"rejected\":[{}]"))))
                .singleElement().asString().startsWith("/data/rejected: expected 0 elements, was 1");
        assertThat(shown.mismatches(JSON.readTree(answer.replace("\"name\":\"b\"", "\"name\":\"d\""))))
                .singleElement().asString().startsWith("/data/items: no element (in order) matches");
        assertThat(shown.mismatches(JSON.readTree(answer.replace("\"ok\":true,", ""))))
                .containsExactly("/data/ok: missing");
        assertThat(shown.mismatches(JSON.readTree(answer.replace("\"result\":null", "\"result\":{}"))))
                .containsExactly("/data/result: expected null, was {}");
        assertThatThrownBy(() -> ExpectedAnswer.parse("{\"code\":\"OK\",\"data\":{")).isInstanceOf(IllegalArgumentException.class);
    }
}
