package dev.signals.bootstrap.fuzz;

import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;


import static org.assertj.core.api.Assertions.assertThat;

/** Hostile bodies for {@code POST /v1/consentTemplates}. */
class ConsentTemplateFuzzTest extends HostileInputFuzzing {

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void consentTemplateBodies(@ForAll("consentTemplateRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> consentTemplateRequests() {
        return jsonRequests("POST", Arbitraries.just("/v1/consentTemplates"), lenderAuthorization, Bodies.hostile(Bodies.consentTemplates()));
    }

    // --- what the fuzzing found here, each as the smallest request that shows it (see HostileInputFuzzing)

    @Example
    void aNumberWhoseExponentIsOutOfRangeIsA400() {
        Request request = jsonPost("/v1/consentTemplates", lenderAuthorization,
                "{\"consentType\":\"Motor\",\"version\":\"1\",\"consentText\":\"I agree\",\"title\":1e-2147483648}");

        assertThat(sendAndCheck(request).path("code").asText()).isEqualTo("INVALID_PARAMETERS");
    }
}
