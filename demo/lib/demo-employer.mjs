// The demo's fictional employer: the default `employer` it gives createCandid (unless CANDID_EMPLOYER_*
// or candidOptions name another), with a logo and a privacy notice the demo serves itself.

/** `publicUrl`: where browsers reach the demo (Candid wants absolute http(s) URLs). */
export function demoEmployer(publicUrl) {
  return {
    name: 'Northwind Robotics',
    logoUrl: `${publicUrl}/northwind-logo.svg`,
    contactEmail: 'careers@northwind-robotics.example',
    privacyUrl: `${publicUrl}/privacy`,
  };
}
