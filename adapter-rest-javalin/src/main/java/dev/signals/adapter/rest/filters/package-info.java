/**
 * What the server checks before a {@code /v1} route runs, in this order: who is calling, within its rate
 * limits (contract sections 1 and 7.1), then whether this node's event index is ready to answer.
 */
package dev.signals.adapter.rest.filters;
