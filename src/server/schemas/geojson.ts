import { z } from 'zod';

const position = z.array(z.number()).min(2);

/** GeoJSON as the API returns it: points and lines with free-form properties. */
export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().optional(),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Point'), coordinates: position }),
        z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
      ]),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});
