import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { chain } from './chain.js';

const mark = (name: string): RequestHandler => (_req, res, next) => {
  res.locals.seen = [...((res.locals.seen as string[] | undefined) ?? []), name];
  next();
};

function appWith(...handlers: RequestHandler[]) {
  const app = express();
  app.use(chain(...handlers));
  app.get('/', (_req, res) => {
    res.json({ seen: res.locals.seen ?? [] });
  });
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(418).json({ error: err.message, seen: res.locals.seen ?? [] });
  });
  return app;
}

describe('chain', () => {
  it('runs the middlewares in order, then the routes after it', async () => {
    expect((await request(appWith(mark('a'), mark('b'), mark('c'))).get('/')).body).toEqual({ seen: ['a', 'b', 'c'] });
  });

  it('stops where a middleware answers', async () => {
    const answer: RequestHandler = (_req, res) => {
      res.status(201).json({ answered: true });
    };
    const res = await request(appWith(mark('a'), answer, mark('never'))).get('/');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ answered: true });
  });

  it('hands a thrown error, an error passed to next and a rejected promise to the error middleware', async () => {
    const thrown: RequestHandler = () => {
      throw new Error('thrown');
    };
    const passed: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    const rejected: RequestHandler = async () => {
      throw new Error('rejected');
    };
    for (const [failing, message] of [[thrown, 'thrown'], [passed, 'passed'], [rejected, 'rejected']] as const) {
      const res = await request(appWith(mark('a'), failing, mark('never'))).get('/');
      expect(res.status).toBe(418);
      expect(res.body).toEqual({ error: message, seen: ['a'] });
    }
  });

  it('waits for an async middleware that calls next later', async () => {
    const later: RequestHandler = async (_req, _res, next) => {
      await new Promise((r) => setTimeout(r, 5));
      next();
    };
    expect((await request(appWith(mark('a'), later, mark('b'))).get('/')).body).toEqual({ seen: ['a', 'b'] });
  });
});
