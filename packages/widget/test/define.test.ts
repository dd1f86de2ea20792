import { expect } from '@esm-bundle/chai';
import { defineElement } from '../src/internal/define.js';

describe('defineElement', () => {
  const realWarn = console.warn;
  let warnings: unknown[][] = [];
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = realWarn;
  });

  it('defines once, then skips silently for the same version', () => {
    class A extends HTMLElement {
      static version = '1.0.0';
    }
    class B extends HTMLElement {
      static version = '1.0.0';
    }
    defineElement('candid-define-a', A);
    defineElement('candid-define-a', B);
    expect(customElements.get('candid-define-a')).to.equal(A);
    expect(warnings).to.have.length(0);
  });

  it('warns (and does not throw) when another version is already registered', () => {
    class Old extends HTMLElement {
      static version = '0.0.1';
    }
    class New extends HTMLElement {
      static version = '0.1.0';
    }
    defineElement('candid-define-b', Old);
    expect(() => defineElement('candid-define-b', New)).to.not.throw();
    expect(customElements.get('candid-define-b')).to.equal(Old);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('0.0.1');
  });
});
