import CProj
