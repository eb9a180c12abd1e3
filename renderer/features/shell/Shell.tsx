import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import AppBar from '@mui/material/AppBar';
import LinearProgress from '@mui/material/LinearProgress';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import MenuIcon from '@mui/icons-material/Menu';
import AccountCircle from '@mui/icons-material/AccountCircle';
import PasswordIcon from '@mui/icons-material/Password';
import TuneIcon from '@mui/icons-material/Tune';
import LogoutIcon from '@mui/icons-material/Logout';
import { useTranslation } from 'react-i18next';
import { useSession, useUiPrefs } from '../../state';
import { ChangePasswordDialog } from '../auth';
import { IdleLock } from '../auth';
import { sectionsFor, type Section } from '../../sections';
import { OverflowTooltip } from '../../components/OverflowTooltip';

export function isActive(section: Section, pathname: string): boolean {
  return section.path === '/' ? pathname === '/' : pathname === section.path || pathname.startsWith(`${section.path}/`);
}

/** The frame around every page once logged in: app bar, user menu, navigation drawer, idle lock. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const { ui } = useUiPrefs();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const drawerWidth = ui.largeFont ? 280 : 232;
  const sections = sectionsFor(session.user.role);
  const groups: { id: 'work' | 'system'; title: string | null }[] = [
    { id: 'work', title: null },
    { id: 'system', title: t('nav.systemGroup') },
  ];

  const nav = (
    <Box component="nav" aria-label={t('nav.navigation')} sx={{ overflowY: 'auto' }}>
      {groups.map((group) => {
        const items = sections.filter((s) => s.group === group.id);
        if (items.length === 0) return null;
        return (
          <List
            key={group.id}
            subheader={group.title ? <ListSubheader component="div" sx={{ bgcolor: 'transparent', lineHeight: 2.5 }}>{group.title}</ListSubheader> : undefined}
          >
            {items.map((s) => {
              const Icon = s.icon;
              const active = isActive(s, pathname);
              return (
                <ListItemButton
                  key={s.id}
                  component={Link}
                  to={s.path}
                  selected={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={() => setDrawerOpen(false)}
                  sx={{ mx: 1, borderRadius: 1 }}
                >
                  <ListItemIcon sx={{ minWidth: 40 }}>
                    <Icon color={active ? 'primary' : 'inherit'} />
                  </ListItemIcon>
                  <ListItemText primary={t(`nav.${s.id}`)} />
                </ListItemButton>
              );
            })}
          </List>
        );
      })}
    </Box>
  );

  // The app bar sits in the flow above a row of drawer and page: whatever height large text gives
  // it, nothing hides beneath it, and only the page scrolls.
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" sx={{ flexShrink: 0 }}>
        <Toolbar>
          {!wide ? (
            <IconButton color="inherit" edge="start" aria-label={t('nav.openMenu')} onClick={() => setDrawerOpen(true)} sx={{ mr: 1 }}>
              <MenuIcon />
            </IconButton>
          ) : null}
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="h6" component="div" noWrap sx={{ lineHeight: 1.2 }}>
              {session.info.office?.name}
            </Typography>
            <Typography variant="caption" component="div" noWrap sx={{ opacity: 0.85 }}>
              {t('app.name')}
            </Typography>
          </Box>
          <Button
            color="inherit"
            startIcon={<AccountCircle />}
            aria-haspopup="menu"
            aria-expanded={menuAnchor ? 'true' : undefined}
            aria-controls={menuAnchor ? 'user-menu' : undefined}
            data-testid="user-menu"
            onClick={(e) => setMenuAnchor(e.currentTarget)}
            sx={{ fontSize: '1rem' }}
          >
            {session.user.displayName}
          </Button>
          <Menu
            id="user-menu"
            anchorEl={menuAnchor}
            open={menuAnchor !== null}
            onClose={() => setMenuAnchor(null)}
            anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
            transformOrigin={{ vertical: 'top', horizontal: 'right' }}
            slotProps={{ list: { 'aria-label': t('shell.userMenu') } }}
          >
            <Box sx={{ px: 2, py: 1 }}>
              <Typography sx={{ fontWeight: 600 }}>{session.user.displayName}</Typography>
              <Typography variant="body2" color="text.secondary">
                {session.user.username} · {t(`role.${session.user.role}`)}
              </Typography>
            </Box>
            <Divider />
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                setPasswordOpen(true);
              }}
            >
              <ListItemIcon>
                <PasswordIcon fontSize="small" />
              </ListItemIcon>
              {t('shell.changePassword')}
            </MenuItem>
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                void navigate('/settings');
              }}
            >
              <ListItemIcon>
                <TuneIcon fontSize="small" />
              </ListItemIcon>
              {t('shell.preferences')}
            </MenuItem>
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                void session.logout();
              }}
            >
              <ListItemIcon>
                <LogoutIcon fontSize="small" />
              </ListItemIcon>
              {t('shell.logout')}
            </MenuItem>
          </Menu>
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {wide ? (
          <Drawer
            variant="permanent"
            sx={{ width: drawerWidth, flexShrink: 0, '& .MuiDrawer-paper': { position: 'relative', width: drawerWidth, boxSizing: 'border-box' } }}
          >
            {nav}
          </Drawer>
        ) : (
          <Drawer variant="temporary" open={drawerOpen} onClose={() => setDrawerOpen(false)} sx={{ '& .MuiDrawer-paper': { width: drawerWidth } }}>
            {nav}
          </Drawer>
        )}
        <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', p: { xs: 2, md: 3 } }}>
          {/* A section's code arrives the first time it opens (a few milliseconds from disk). */}
          <Suspense fallback={<LinearProgress aria-label={t('boot.loading')} />}>
            <Outlet />
          </Suspense>
        </Box>
      </Box>
      <Suspense fallback={null}>
        <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
        <IdleLock />
      </Suspense>
      <OverflowTooltip />
    </Box>
  );
}
