/**
 * The endpoint groups, one class for each part of the contract: signal requests, events, consent templates,
 * the catalogue, the admin API, and outside {@code /v1} health, metrics, the OpenAPI document and its pages.
 * Each reads its request, calls the application's incoming ports and answers with a record of {@code dto}.
 */
package dev.signals.adapter.rest.routes;
