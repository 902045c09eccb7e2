/**
 * Hand-entered locations for States that are in neither the 110m nor the 50m
 * Natural Earth atlas of `world-atlas`, so they can still get a point marker.
 * Keyed by ISO 3166-1 numeric code; `[longitude, latitude]` in degrees.
 */
export const MANUAL_LOCATIONS: Record<string, { name: string; lonLat: [number, number]; source: string }> = {
  // Computed once with d3-geo `geoCentroid` from world-atlas 2.0.2 `countries-10m.json` (Natural
  // Earth 1:10m, feature id 798): 178.528, -7.769. Loading the 3.7 MB 10m file at start-up for one
  // atoll nation is not worth it.
  '798': {
    name: 'Tuvalu',
    lonLat: [178.53, -7.77],
    source: 'Natural Earth 1:10m admin-0 countries (world-atlas 2.0.2), centroid',
  },
};
