// Mounts <candid-interview> from the query string (the bundle has defined it by now).
const params = new URLSearchParams(location.search);
const el = document.createElement('candid-interview');
el.setAttribute('endpoint', params.get('endpoint') ?? '');
el.setAttribute('token', params.get('token') ?? '');
if (params.get('locale')) el.setAttribute('locale', params.get('locale'));
if (params.get('assets')) el.setAttribute('assets-base', params.get('assets'));
document.body.append(el);
