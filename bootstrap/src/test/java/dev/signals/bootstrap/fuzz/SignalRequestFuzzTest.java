package dev.signals.bootstrap.fuzz;

import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;



/** Hostile bodies for {@code POST /v1/alpha/signals} and {@code POST /v1/beta/signals}. */
class SignalRequestFuzzTest extends HostileInputFuzzing {

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void alphaSignalRequestBodies(@ForAll("alphaSignalRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> alphaSignalRequests() {
        return jsonRequests("POST", Arbitraries.just("/v1/alpha/signals"), lenderAuthorization,
                Bodies.hostile(Bodies.signalRequests(false, consentTemplateId, OWN_TEMPLATE)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void betaSignalRequestBodies(@ForAll("betaSignalRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> betaSignalRequests() {
        return jsonRequests("POST", Arbitraries.just("/v1/beta/signals"), lenderAuthorization,
                Bodies.hostile(Bodies.signalRequests(true, consentTemplateId, OWN_TEMPLATE)));
    }
}
