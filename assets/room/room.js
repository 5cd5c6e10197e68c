// Placeholder: the participant's page's script is written separately.
"use strict";
