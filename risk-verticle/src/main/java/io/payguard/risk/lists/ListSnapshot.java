package io.payguard.risk.lists;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Every risk list and its values as of one list version (risk_schema.list_state): what the rules read.
 * Immutable; a change makes a new snapshot.
 */
public record ListSnapshot(long version, Map<String, Set<String>> values) {

  /** Before the lists are read: version 0 is older than any (migration V9 starts at 1). */
  public static final ListSnapshot EMPTY = new ListSnapshot(0, Map.of());

  public ListSnapshot {
    values = Map.copyOf(values);
  }

  public Set<String> names() {
    return values.keySet();
  }

  /**
   * {@code list}'s values as the map an expression tests with {@code in} (a CEL map's keys: looked up,
   * never scanned), or null when there is no such list.
   */
  public Map<String, Boolean> members(String list) {
    Set<String> set = values.get(list);
    return set == null ? null : new Members(set);
  }

  /** A set seen as a map of its members to true. */
  private static final class Members extends AbstractMap<String, Boolean> {

    private final Set<String> set;

    Members(Set<String> set) {
      this.set = set;
    }

    @Override
    public boolean containsKey(Object key) {
      return set.contains(key);
    }

    @Override
    public Boolean get(Object key) {
      return set.contains(key) ? Boolean.TRUE : null;
    }

    @Override
    public int size() {
      return set.size();
    }

    @Override
    public Set<Entry<String, Boolean>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Boolean>> iterator() {
          Iterator<String> keys = set.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return keys.hasNext();
            }

            @Override
            public Entry<String, Boolean> next() {
              return Map.entry(keys.next(), Boolean.TRUE);
            }
          };
        }

        @Override
        public int size() {
          return set.size();
        }
      };
    }
  }
}
