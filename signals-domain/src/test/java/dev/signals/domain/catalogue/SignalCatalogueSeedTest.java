package dev.signals.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue is exactly the seeds' "Risk Signals - Phone" table (CONTRACT §3.1). */
class SignalCatalogueSeedTest {

    private final SignalCatalogue catalogue = SignalCatalogue.standard();

    @Test
    void bothSeedTablesAgreeOnEveryRow() {
        assertThat(SeedTable.availabilityByName("alpha-risk-signals-phone.md"))
                .isEqualTo(SeedTable.availabilityByName("beta-risk-signals-phone.md"));
    }

    @Test
    void catalogueHasExactlyTheSeedTablesSignalsAndAvailability() {
        Map<String, String> seed = SeedTable.availabilityByName("beta-risk-signals-phone.md");
        Map<String, String> catalogued = new LinkedHashMap<>();
        catalogue.all().forEach(s -> catalogued.put(s.name(), s.availability().name()));

        assertThat(seed).hasSize(108);
        assertThat(catalogued).containsExactlyInAnyOrderEntriesOf(seed);
    }

    @Test
    void theDefaultsAreTheKeysOfTheAlphaSampleResultInTheirOrder() {
        List<String> sampleKeys = SeedTable.sampleResultKeys("alpha-sample-result.json");

        assertThat(sampleKeys).hasSize(35);
        assertThat(catalogue.defaults()).extracting(Signal::name).containsExactlyElementsOf(sampleKeys);
        assertThat(catalogue.defaultSelection().names()).containsExactlyElementsOf(sampleKeys);
    }

    @Test
    void theBetaSampleItemsAreInCatalogueOrder() {
        List<String> sampleNames = SeedTable.sampleItemNames("beta-sample-items.json");

        assertThat(sampleNames).containsExactly("events_arbitrary_day30", "events_preloan_day30",
                "events_debt_day90_amount");
        List<String> shuffled = new ArrayList<>(sampleNames);
        Collections.reverse(shuffled);
        assertThat(catalogue.select(shuffled).names()).containsExactlyElementsOf(sampleNames);
    }

    @Test
    void descriptionsAreTheBetaSeedsPerSignalDescriptions() {
        Map<String, String> seedDescriptions = SeedTable.descriptionByName("beta-items-descriptions.md");

        assertThat(seedDescriptions).hasSize(35);
        seedDescriptions.forEach((name, description) ->
                assertThat(catalogue.byName(name).description()).as(name).isEqualTo(description));
    }
}
