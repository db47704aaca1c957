package io.allowpath.model;

/** One region of a Cosmos DB account ({@code properties.locations[]}). */
public record CosmosLocation(String name, int failoverPriority, boolean zoneRedundant) {}
