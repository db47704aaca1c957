package io.allowpath.emit.spec;

import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.List;

/**
 * One az CLI invocation as data: its command words and options, each option with its values as {@link Node}s (a
 * literal, the address of a public IP, or a concatenation). The az CLI writer renders it with shell quoting and
 * turns public IP addresses into the variables the script captured.
 */
public record AzCall(List<String> words, List<Opt> options) {
  /** One option and its values (none for a flag). */
  public record Opt(String name, List<Node> values) {
    public Opt {
      values = List.copyOf(values);
    }
  }

  public AzCall {
    words = List.copyOf(words);
    options = List.copyOf(options);
  }

  /** {@code az <words> --subscription <sub> --resource-group <rg>} of the resource. */
  public static AzCall az(ResourceId scope, String... words) {
    return new AzCall(List.of(words), List.of()).opt("--subscription", scope.subscription())
        .opt("--resource-group", scope.resourceGroup());
  }

  /** {@code az <words>} without scope options. */
  public static AzCall plain(String... words) {
    return new AzCall(List.of(words), List.of());
  }

  public AzCall opt(String name, String value) {
    return value == null ? this : opt(name, Node.str(value));
  }

  public AzCall opt(String name, Node... values) {
    List<Opt> o = new ArrayList<>(options);
    o.add(new Opt(name, List.of(values)));
    return new AzCall(words, o);
  }

  public AzCall opts(String name, List<String> values) {
    return opt(name, values.stream().map(Node::str).toArray(Node[]::new));
  }
}
