package kr.hiway.gateway.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The user store the sign-in form checks passwords against: patients ({@code ROLE_PATIENT}) and
 * staff ({@code ROLE_REGULATOR}, {@code ROLE_TRUST_CENTER}). Thread-safe.
 */
@Service
class SignInAccounts implements UserDetailsService {

  private final PatientAccounts patients;
  private final StaffAccounts staff;

  SignInAccounts(PatientAccounts patients, StaffAccounts staff) {
    this.patients = patients;
    this.staff = staff;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return patients
        .signIn(username)
        .or(() -> staff.signIn(username))
        .orElseThrow(() -> new UsernameNotFoundException("no such account"));
  }
}
