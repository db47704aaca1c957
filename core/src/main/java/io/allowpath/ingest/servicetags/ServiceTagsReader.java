package io.allowpath.ingest.servicetags;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.JsonFiles;
import io.allowpath.model.IpSet;
import io.allowpath.model.ServiceTags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the published service tags file ({@code ServiceTags_Public_YYYYMMDD.json}): top level
 * {@code changeNumber}, {@code cloud}, {@code values[]} of {@code {name, properties: {region,
 * systemService, addressPrefixes[]}}} (AZURE-EGRESS.md §5, ST1, ST2).
 */
public final class ServiceTagsReader {
  private ServiceTagsReader() {}

  public static ServiceTags read(Path file) {
    JsonNode root = JsonFiles.read(file, "the service tags file");
    if (root == null || !root.isObject() || !root.path("values").isArray()) {
      throw new InputException(file.toString(), "/values", "expected a service tags file (ServiceTags_Public_*.json) "
          + "with a \"values\" array");
    }
    Map<String, ServiceTags.Tag> tags = new LinkedHashMap<>();
    JsonNode values = root.get("values");
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      String name = v.path("name").asText(null);
      if (name == null) {
        throw new InputException(file.toString(), "/values/" + i + "/name", "expected the tag name");
      }
      JsonNode p = v.path("properties");
      List<IpSet> sets = new ArrayList<>();
      JsonNode prefixes = p.path("addressPrefixes");
      for (int k = 0; k < prefixes.size(); k++) {
        IpSet s = IpSet.tryParse(prefixes.get(k).asText());
        if (s == null) {
          throw new InputException(file.toString(), "/values/" + i + "/properties/addressPrefixes/" + k,
              "expected an IP prefix, found \"" + prefixes.get(k).asText() + "\"");
        }
        sets.add(s);
      }
      tags.put(name, new ServiceTags.Tag(name, p.path("region").asText(""), p.path("systemService").asText(""),
          IpSet.union(sets)));
    }
    return new ServiceTags(tags, file.toString(), root.path("changeNumber").asLong(0));
  }
}
