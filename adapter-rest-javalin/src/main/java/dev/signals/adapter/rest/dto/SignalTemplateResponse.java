package dev.signals.adapter.rest.dto;

import dev.signals.domain.template.SignalTemplate;

import java.util.List;

/** A beta template (contract section 3.3): signals in catalogue order, the amount format and its band edges. */
public record SignalTemplateResponse(String id, List<String> signals, String amountFormat, List<Long> amountBands) {

    public static SignalTemplateResponse of(SignalTemplate template) {
        return new SignalTemplateResponse(template.id(), template.signals().names(), template.amountFormat().name(),
                template.bands().edges());
    }
}
