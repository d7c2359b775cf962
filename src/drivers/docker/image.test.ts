import { describe, expect, it } from 'vitest';
import { message, withDefaultTag } from './image.js';

describe('withDefaultTag', () => {
  it('adds :latest only when there is no tag or digest', () => {
    expect(withDefaultTag('busybox')).toBe('busybox:latest');
    expect(withDefaultTag('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(withDefaultTag('localhost:5000/app:1')).toBe('localhost:5000/app:1');
    expect(withDefaultTag('app@sha256:abc')).toBe('app@sha256:abc');
  });
});

describe('message', () => {
  it("takes Docker's message from the JSON body or from a streamed request's error text", () => {
    const withJson = Object.assign(new Error('(HTTP code 404) no such container - '), {
      json: { message: 'No such container: x' },
    });
    expect(message(withJson)).toBe('No such container: x');
    expect(message(new Error('(HTTP code 500) server error - {"message":"pull denied"} '))).toBe(
      'pull denied',
    );
    expect(message(new Error('(HTTP code 500) server error - plain text '))).toBe('plain text');
    expect(message(new Error('connect ENOENT'))).toBe('connect ENOENT');
  });
});
