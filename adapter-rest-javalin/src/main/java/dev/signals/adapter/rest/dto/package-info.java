/**
 * The request and response records of the contract, as clients read and write them: {@code ...Request} bodies
 * turn into the application's commands, {@code ...Response} records are built from what it returns. Domain
 * types are never serialised directly.
 */
package dev.signals.adapter.rest.dto;
