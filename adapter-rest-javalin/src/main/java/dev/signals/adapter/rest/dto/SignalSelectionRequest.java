package dev.signals.adapter.rest.dto;

import java.util.List;

/** The body of {@code PUT /v1/admin/accounts/{id}/selection}: catalogue names (contract section 3.3). */
public record SignalSelectionRequest(List<String> signals) {
}
