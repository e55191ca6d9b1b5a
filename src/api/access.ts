import { z } from "zod";
import { PERMISSIONS, ROLES } from "../compliance/index.ts";
import { actorOf, errorBody, requestCredentials, SESSION_COOKIE, type ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { errorResponses, security } from "./schemas.ts";

const User = z.object({ id: z.string(), username: z.string(), role: z.string() });

/** Sign-in for the desk and studio, users and API tokens. */
export function accessRoutes(app: ZodServer, parts: AppParts, options: { signInsPerMinute: number }): void {
  app.post(
    "/api/v1/auth/sign-in",
    {
      // Per client address: slows password guessing to a crawl without locking real users out.
      config: { rateLimit: { max: options.signInsPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["access"],
        summary: "Sign in; sets the session cookie and returns the CSRF token for state-changing requests",
        body: z
          .object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) })
          .strict(),
        response: {
          200: z.object({ user: User, csrfToken: z.string(), expiresAt: z.string() }),
          400: errorResponses[400],
          401: errorResponses[401],
        },
      },
    },
    async (request, reply) => {
      const signedIn = await parts.access.signIn(request.body.username, request.body.password, {
        ip: request.ip,
      });
      if (!signedIn) return reply.status(401).send(errorBody("unauthorized", "Wrong username or password"));
      reply.setCookie(SESSION_COOKIE, signedIn.sessionId, {
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https",
        path: "/",
        expires: new Date(signedIn.expiresAt),
      });
      return { user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
    },
  );

  app.post(
    "/api/v1/auth/sign-out",
    { schema: { tags: ["access"], summary: "Ends the browser session", response: { 204: z.null() } } },
    async (request, reply) => {
      const { sessionId } = requestCredentials(request);
      if (sessionId) await parts.access.signOut(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/auth/me",
    {
      schema: {
        tags: ["access"],
        summary: "Who the session or token belongs to, with its role and permissions",
        security,
        response: {
          200: z.object({
            kind: z.string(),
            id: z.string(),
            name: z.string(),
            role: z.string(),
            permissions: z.array(z.string()),
            csrfToken: z.string().optional(),
          }),
          401: errorResponses[401],
        },
      },
    },
    async (request, reply) => {
      const principal = await parts.access.authenticate(requestCredentials(request));
      if (!principal)
        return reply.status(401).send(errorBody("unauthorized", "Sign in or send a bearer token"));
      return { ...principal, permissions: [...principal.permissions] };
    },
  );

  app.get(
    "/api/v1/users",
    {
      onRequest: parts.guard("users:manage"),
      schema: {
        tags: ["access"],
        summary: "Users of the desk and studio",
        security,
        response: {
          200: z.object({ users: z.array(User.extend({ createdAt: z.string(), disabled: z.boolean() })) }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async () => ({ users: await parts.access.listUsers() }),
  );

  app.post(
    "/api/v1/users",
    {
      onRequest: parts.guard("users:manage"),
      schema: {
        tags: ["access"],
        summary: "Create a user with a role",
        security,
        body: z
          .object({
            username: z.string().min(3).max(64),
            password: z.string().min(1).max(256),
            role: z.enum(ROLES),
          })
          .strict(),
        response: { 201: User, 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await parts.access.createUser(request.body, actorOf(request))),
  );

  const Token = z.object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    scopes: z.array(z.string()).nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revoked: z.boolean(),
  });
  app.get(
    "/api/v1/tokens",
    {
      onRequest: parts.guard("tokens:manage"),
      schema: {
        tags: ["access"],
        summary: "API tokens (never their secrets)",
        security,
        response: {
          200: z.object({ tokens: z.array(Token) }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async () => ({ tokens: await parts.access.listTokens() }),
  );

  app.post(
    "/api/v1/tokens",
    {
      onRequest: parts.guard("tokens:manage"),
      schema: {
        tags: ["access"],
        summary: "Create an API token with a role, optionally narrowed to scopes; the secret is shown once",
        security,
        body: z
          .object({
            name: z.string().min(1).max(100),
            role: z.enum(ROLES),
            scopes: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length).optional(),
            expiresAt: z.iso.datetime().optional(),
          })
          .strict(),
        response: {
          201: z.object({ id: z.string(), token: z.string() }),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await parts.access.createToken(request.body, actorOf(request))),
  );

  app.delete(
    "/api/v1/tokens/:id",
    {
      onRequest: parts.guard("tokens:manage"),
      schema: {
        tags: ["access"],
        summary: "Revoke an API token",
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        response: {
          204: z.null(),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      if (!(await parts.access.revokeToken(request.params.id, actorOf(request))))
        return reply.status(404).send(errorBody("not_found", `No active token ${request.params.id}`));
      return reply.status(204).send(null);
    },
  );
}
