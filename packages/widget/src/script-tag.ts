// The script-tag entry (`candid.js`, global `Candid`): the public API and <candid-interview>
// registered. No catalog and no secondary screens: they load from `assets-base` on demand.
export * from './public-api.js';
import './register.js';
