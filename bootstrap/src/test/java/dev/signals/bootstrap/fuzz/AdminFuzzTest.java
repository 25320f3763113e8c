package dev.signals.bootstrap.fuzz;

import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;



/** Hostile bodies for the admin API: an account's selection and templates, new accounts. */
class AdminFuzzTest extends HostileInputFuzzing {

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void selectionBodies(@ForAll("selectionRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> selectionRequests() {
        return jsonRequests("PUT", Arbitraries.just("/v1/admin/accounts/" + lenderAccountId + "/selection"), admin(),
                Bodies.hostile(Bodies.selections()));
    }

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void signalTemplateBodies(@ForAll("signalTemplateRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> signalTemplateRequests() {
        Arbitrary<String> paths = Arbitraries.of(OWN_TEMPLATE, "tpl-other", "tpl-sgn003001", "t".repeat(64))
                .map(template -> "/v1/admin/accounts/" + lenderAccountId + "/templates/" + template);
        return jsonRequests("PUT", paths, admin(), Bodies.hostile(Bodies.signalTemplates()));
    }

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void accountBodies(@ForAll("accountRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> accountRequests() {
        return jsonRequests("POST", Arbitraries.just("/v1/admin/accounts"), admin(), Bodies.hostile(Bodies.accounts()));
    }
}
