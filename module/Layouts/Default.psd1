# The default layout of ImpactEmploi.PS: where IEA keeps each connection setting.
#
# No public source documents IEA's own settings file (its name, sections, keys or value words).
# This layout is an ASSUMPTION, documented as one (README, about_ImpactEmploi_Layout). If your
# installations differ, copy this file, change what differs and point the module at your copy
# with -LayoutPath or $env:IEA_LAYOUT. No recompilation is needed.
#
# Values: for each word the module knows (left), the words IEA writes (right). The first word is
# the one written; the others are also accepted when reading.
@{
    Name     = 'Default'
    FileName = 'ImpactEmploi.ini'
    # Used when the file has no byte order mark. A UTF-8 or UTF-16 BOM is detected and kept.
    Encoding = 'windows-1252'

    Settings = @{
        Version                  = @{ Section = 'Application'; Key = 'Version' }
        ConnectionType           = @{ Section = 'Connexion'; Key = 'Type'
                                      Values  = @{ Direct = 'Direct'; Proxy = 'Proxy'; SystemProxy = 'Navigateur' } }
        ProxyHost                = @{ Section = 'Connexion'; Key = 'ProxyAdresse' }
        ProxyPort                = @{ Section = 'Connexion'; Key = 'ProxyPort' }
        ProxySecure              = @{ Section = 'Connexion'; Key = 'ProxySecurise'
                                      Values  = @{ True = '1'; False = '0' } }
        ConnectionMode           = @{ Section = 'Connexion'; Key = 'Mode'
                                      Values  = @{ Normal = 'Normal'; Extended = 'Etendu'; Secure = 'Securise', 'Sécurisé' } }
        AuthenticationServer     = @{ Section = 'Connexion'; Key = 'ServeurAuthentification' }
        UpdateServer             = @{ Section = 'Connexion'; Key = 'ServeurMiseAJour' }
        NetEntreprisesServer     = @{ Section = 'Connexion'; Key = 'AuthentificationNetEntreprises' }
        AssistanceMode           = @{ Section = 'Assistance'; Key = 'Actif'
                                      Values  = @{ True = '1'; False = '0' } }
        # Where Disable-IeaAssistanceMode leaves the password of the day for IEA to check.
        DailyPassword            = @{ Section = 'Assistance'; Key = 'MotDePasseDuJour' }
        # Written by IEA's connection program; only read by the module.
        LastAuthentication       = @{ Section = 'Etat'; Key = 'DerniereAuthentification' }
        LastAuthenticationResult = @{ Section = 'Etat'; Key = 'Resultat'
                                      Values  = @{ OK = 'OK'; ConnectionFailed = 'EchecConnexion'
                                                   AuthorizationDenied = 'AutorisationRefusee'
                                                   LicenseNotRecognized = 'LicenceNonReconnue' } }
    }

    # Executable names, for "is IEA running" and Restart-IeaAuthentication.
    Processes = @{
        Application       = 'ImpactEmploi.exe'
        ConnectionProgram = 'ServeurConnexion.exe'
    }

    # Hosts the module accepts without -AllowCustomServer.
    OfficialHosts = 'impact-emploi.urssaf.fr', 'services.net-entreprises.fr'

    # The settings of the fiche pratique (URSSAF, version 3.00.72, 19 March 2019).
    Recommended = @{
        ConnectionMode       = 'Secure'
        AuthenticationServer = 'https://impact-emploi.urssaf.fr'
        UpdateServer         = 'https://impact-emploi.urssaf.fr/updates'
        NetEntreprisesServer = 'https://services.net-entreprises.fr/authentifier/1.0/'
    }
}
