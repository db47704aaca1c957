package io.allowpath.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One ARM resource as JSON, with where it came from: the file and the JSON pointer of the resource
 * inside it (used by diagnostics and by SARIF locations). Format adapters (ARM export, templates,
 * Terraform) all produce these; {@code ingest.arm.ArmResourceReader} turns them into model records.
 */
public record RawResource(JsonNode json, String file, String pointer) {}
