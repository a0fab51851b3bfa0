// A LayersModel's topology JSON (what model.json's "modelTopology" holds), with what tfjs 4.22's own
// serialisation loses put back: SeparableConv2D.getConfig() omits depth_multiplier, so a saved
// model with depth_multiplier ≠ 1 would not load again.
import type * as tfl from '@tensorflow/tfjs-layers';

type Json = Record<string, unknown>;
type Layer = tfl.LayersModel['layers'][number];

function restore(entries: Json[], layers: Layer[]): void {
  const byName = new Map(layers.map((l) => [l.name, l]));
  for (const entry of entries) {
    const config = entry.config as Json;
    const layer = byName.get(String(config.name ?? entry.name));
    const inner = (layer as { layers?: Layer[] } | undefined)?.layers;
    if (Array.isArray(inner) && Array.isArray(config.layers)) restore(config.layers as Json[], inner);
    if (entry.class_name === 'SeparableConv2D' && layer) {
      config.depth_multiplier = (layer as unknown as { depthMultiplier: number }).depthMultiplier;
    }
  }
}

export function modelTopology(model: tfl.LayersModel): Json {
  const topology = model.toJSON(null, false) as unknown as Json;
  restore(((topology.config as Json).layers as Json[] | undefined) ?? [], model.layers);
  return topology;
}
