// A map's value at a key, made the first time it is asked for (Map and WeakMap alike).

type MapLike<K, V> = { get(k: K): V | undefined; set(k: K, v: V): unknown };

export function getOrSet<K, V>(map: MapLike<K, V>, key: K, make: () => V): V {
  const had = map.get(key);
  if (had !== undefined) return had;
  const made = make();
  map.set(key, made);
  return made;
}
