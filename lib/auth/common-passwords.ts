/**
 * Common and breached passwords, shipped with the app (no network call). Two lists:
 *
 * - BREACHED_PASSWORDS: whole passwords of 12+ characters that appear at the top of public
 *   breach corpora (shorter ones are refused by the length rule anyway).
 * - COMMON_BASE_WORDS: the words most breached passwords are built from. A password that is
 *   one of them (repeated, or padded with digits and symbols, or in leetspeak) is refused.
 *
 * Lowercase. Extend freely: lib/auth/password-policy.ts reads both as sets.
 */
export const BREACHED_PASSWORDS: readonly string[] = `
123456789012 1234567890123 12345678901234 123456789012345 1234567890123456 098765432109
123123123123 111111111111 000000000000 121212121212 112233445566 123456123456 123412341234
qwertyuiopas qwertyuiop12 qwertyuiop123 qwertyuiop1234 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc
1qaz2wsx3edc4rfv qazwsxedcrfv qazwsxedcrfvtgb zaq12wsxcde3 zaq1zaq1zaq1 asdfghjklzxc asdfghjkl123
zxcvbnm12345 qwerty123456 qwertyqwerty qwerty12345678 123456qwerty 123qweasdzxc 1234qwerasdf
qweasdzxc123 q1w2e3r4t5y6 a1b2c3d4e5f6 abcdefghijkl abcdefg12345 abc123abc123 abcd1234abcd
passwordpassword password1234 password12345 password123456 password123! password@123 p@ssw0rd1234
passw0rd1234 mypassword123 mypassword12 thisismypassword newpassword1 newpassword123 changeme1234
welcome12345 welcome123456 welcome@1234 letmein12345 letmein123456 iloveyou1234 iloveyou12345
iloveyouiloveyou administrator admin1234567 adminadmin123 administrator1 superman1234 batman123456
football1234 baseball1234 basketball12 basketball123 soccer123456 sunshine1234 princess1234
starwars1234 trustno1trustno1 monkey123456 dragon123456 shadow123456 master123456 michael12345
jennifer1234 jordan231234 liverpool123 chelsea12345 arsenal12345 manchester12 manchesterunited
tennis123456 tennisplayer padel1234567 squash123456 badminton123 rolandgarros wimbledon123
courtside123 courtside2024 courtside2025 courtside2026 azertyuiop12 azertyuiop123 azerty123456
motdepasse12 motdepasse123 motdepasse1234 soleil123456 doudou123456 chouchou1234 marseille123
bonjour12345 jetaime12345 jetaimejetaime 1234567890qwerty qwertyuiopasdfgh qwertyuiopasdfghjkl
asdfasdfasdf qwerqwerqwer zxcvzxcvzxcv 147258369147 159357159357 741852963741 963852741963
987654321098 135792468013 246813579024 aaaaaaaaaaaa 1a2b3c4d5e6f correcthorsebatterystaple
Welcome2024! Welcome2025! Welcome2026! summer2024!! winter2024!! spring2025!! autumn2025!!
`
  .split(/\s+/)
  .filter(Boolean)
  .map((p) => p.toLowerCase());

export const COMMON_BASE_WORDS: readonly string[] = `
password passwort passw0rd motdepasse contrasena qwerty qwertz azerty asdf zxcvbn qwertyuiop
asdfghjkl zxcvbnm letmein welcome admin administrator root login master hello iloveyou loveyou
jetaime teamo lovely princess sunshine shadow dragon monkey football baseball basketball soccer
hockey tennis padel squash badminton golf cricket liverpool chelsea arsenal barcelona realmadrid
juventus marseille paris london newyork superman batman spiderman starwars pokemon naruto
michael jennifer jessica ashley charlie daniel thomas nicolas jordan hunter killer trustno1
freedom whatever secret access computer internet samsung google facebook apple iphone
courtside court club member booking summer winter spring autumn welcome changeme default guest
test tester testing user username abc abcdef abcdefg abcdefgh abc123 pass passw pwd chocolate
cookie cheese banana orange flower purple yellow silver golden diamond angel blessed jesus
christ god heaven family mother father baby babygirl sweety honey darling soleil bonjour
doudou chouchou loulou nounours coucou marie camille julien pierre
`
  .split(/\s+/)
  .filter(Boolean)
  .map((p) => p.toLowerCase());
