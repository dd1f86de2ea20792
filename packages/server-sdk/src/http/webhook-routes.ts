import { Router } from 'express';
import type { Services } from '../services/index.js';
import { requireApiKey } from './auth.js';
import type { AuthThrottle } from './auth-throttle.js';

/**
 * The webhook delivery log, for the ATS backend (API key): list deliveries with every attempt,
 * and replay one (the same event id and body, as a new delivery).
 */
export function webhookRoutes(services: Services, apiKeys: string[], throttle?: AuthThrottle): Router {
  const router = Router();
  router.use('/v1/webhooks', requireApiKey(apiKeys, throttle));

  router.get('/v1/webhooks/deliveries', async (req, res) => {
    const { status, sessionId, eventType, limit, cursor } = req.query;
    res.json(await services.webhooks.listDeliveries({ status, sessionId, eventType, limit, cursor }));
  });

  router.post('/v1/webhooks/deliveries/:id/replay', async (req, res) => {
    res.status(202).json(await services.webhooks.replay(req.params.id));
  });
  return router;
}
