package io.allowpath.emit.spec;

import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value in a resource's desired ARM body, independent of the output format. Besides JSON-like
 * values it has the few references the writers must render in their own syntax: the address of a
 * public IP ({@link PipAddress}: Bicep {@code pip.properties.ipAddress}, ARM
 * {@code [reference(...).ipAddress]}, Terraform {@code azurerm_public_ip.x.ip_address}), the id of a
 * resource ({@link IdOf}: a symbol when the same file declares it, else the literal id), a string built
 * from parts ({@link Concat}) and the deploying tenant ({@link Tenant}).
 */
public sealed interface Node {
  record Str(String value) implements Node {}

  record Num(long value) implements Node {}

  record Bool(boolean value) implements Node {}

  record Arr(List<Node> items) implements Node {
    public Arr {
      items = List.copyOf(items);
    }
  }

  /** An object whose keys keep the order they were put in (writers never reorder). */
  record Obj(Map<String, Node> fields) implements Node {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  record PipAddress(ResourceId publicIp) implements Node {}

  record IdOf(ResourceId id) implements Node {}

  record Concat(List<Node> parts) implements Node {
    public Concat {
      parts = List.copyOf(parts);
    }
  }

  record Tenant() implements Node {}

  static Str str(String s) {
    return new Str(s);
  }

  static Arr arr(List<? extends Node> items) {
    return new Arr(new ArrayList<>(items));
  }

  static ObjBuilder obj() {
    return new ObjBuilder();
  }

  /** Builds an {@link Obj}; {@code put} skips null values so optional properties vanish. */
  final class ObjBuilder {
    private final Map<String, Node> m = new LinkedHashMap<>();

    public ObjBuilder put(String k, Node v) {
      if (v != null) {
        m.put(k, v);
      }
      return this;
    }

    public ObjBuilder put(String k, String v) {
      return v == null ? this : put(k, new Str(v));
    }

    public ObjBuilder put(String k, boolean v) {
      return put(k, new Bool(v));
    }

    public ObjBuilder put(String k, long v) {
      return put(k, new Num(v));
    }

    public Obj build() {
      return new Obj(m);
    }
  }
}
